"""Every write that carries a rule. One module per subdomain; each service is atomic,
takes the actor explicitly, checks the rules, writes the rows, grants access through
inspections.access and journals what it did."""
