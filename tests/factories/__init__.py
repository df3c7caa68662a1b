"""factory_boy factories for the test suite, one module per subdomain.

Every factory builds a valid row and nothing else: no journal entry, no task, no status
change. A test that needs a case to move does so through the services, as production
does. Defaults are fixed values or sequences (no random data), so a test builds the same
rows whichever worker runs it and in whatever order.
"""
