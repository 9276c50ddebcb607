from adr.cli import main

main()
