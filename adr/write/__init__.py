"""Producing record text: new records from templates, and small edits to existing ones."""
