"""Account security: who must use two-factor authentication, the TOTP setup and verify pages,
the session timeouts, the Content-Security-Policy header and the login lockout page."""
