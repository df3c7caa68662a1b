#!/usr/bin/env python
"""Django's command-line utility for kiemtra."""

import os
import sys


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    if not os.environ.get("DJANGO_SECRET_KEY") and "DJANGO_DEBUG" not in os.environ:
        # A checkout with no configuration is a developer's: say so and run in debug mode
        # rather than fail with Django's opaque "apps aren't loaded". Deployments set
        # DJANGO_SECRET_KEY, and the web entry points (wsgi/asgi) never default to debug.
        print("kiemtra: DJANGO_SECRET_KEY is not set; running with DJANGO_DEBUG=1 (development).", file=sys.stderr)
        os.environ["DJANGO_DEBUG"] = "1"
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)


if __name__ == "__main__":
    main()
