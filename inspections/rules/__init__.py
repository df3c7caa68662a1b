"""Pure rule functions: no database access, exhaustively testable."""
