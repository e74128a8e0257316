#!/usr/bin/env python
"""Stock django-oscar 4.2.1 shop for bench/compare.py; run with var/bench/oscar-venv/bin/python."""

import os
import sys

if __name__ == "__main__":
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "baseline.settings")
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)
