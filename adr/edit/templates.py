"""The built-in templates, in our own words. A log's `templates/template.md` or ADR_TEMPLATE wins."""

from __future__ import annotations

NYGARD = """\
# NUMBER. TITLE

Date: DATE

## Status

STATUS

## Context

What is the situation that calls for a decision? Describe the forces at play: technical,
political, social and project-specific. State facts, not preferences.

## Decision

What we will do, stated in full sentences in the active voice: "We will ...".

## Consequences

What follows from this decision: what becomes easier, what becomes harder, and which risks
we accept and must watch.
"""

NYGARD_FIRST = """\
# NUMBER. Record architecture decisions

Date: DATE

## Status

Accepted

## Context

Decisions about this system's architecture are made every week, and the reasons behind them
are easily lost. People who join later cannot tell whether a choice was deliberate.

## Decision

We will keep Architecture Decision Records in this folder, one short Markdown file per
decision, numbered in the order they are taken, in the format Michael Nygard described.

## Consequences

Each significant decision gets a record written when it is taken. A decision that changes
an earlier one supersedes it instead of rewriting it, so the history stays readable.
"""

# The rich format: MADR 4 compatible, plus Assumptions and Compromises.
MADR_BODY = """\
# TITLE

## Context and Problem Statement

What problem are we solving, and why now? Two or three sentences, or a question.

## Assumptions

What we believe to be true today and what this decision rests on. A later decision can
mark one of these as no longer true; every decision resting on it is then shown as at risk.

- A1: (an assumption, e.g. "about a hundred partner organisations use the API, not the public")

## Decision Drivers

- (a force or concern that shapes the choice)

## Considered Options

- (option 1)
- (option 2)

## Decision Outcome

Chosen option: "(option 1)", because (justification).

### Consequences

- Good, because (a benefit)
- Bad, because (a cost we accept)

## Compromises

Who gave up what so that this decision could be taken.

- (Stakeholder): (what they gave up, and what they get in return)

## Pros and Cons of the Options

### (option 1)

- Good, because (argument)
- Bad, because (argument)

## More Information

(How and when the decision will be validated, links to evidence, and when to revisit it.)
"""

MADR_FIRST_BODY = """\
# Record architecture decisions

## Context and Problem Statement

Architecture decisions are compromises between business, development, infrastructure and
security. The reasons behind them get lost, and later nobody can tell which assumptions
they rested on. How do we keep them visible?

## Assumptions

- A1: The people who decide are willing to spend ten minutes writing down why.

## Considered Options

- Architecture Decision Records in Markdown, next to the code
- A wiki page per decision
- No written record

## Decision Outcome

Chosen option: "Architecture Decision Records in Markdown, next to the code", because they
are reviewed with the change they describe and stay under version control.

### Consequences

- Good, because every decision has a reviewable, searchable record.
- Bad, because writing a record takes time during the change.

## Compromises

- Developers: write a record for significant changes, in return for fewer repeated debates.
"""
