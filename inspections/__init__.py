"""What: the case file. Models, rules, services (the only writers), the access policy,
the journal, statutory deadlines and documents. Depends on people, never on workflow."""
