"""Validation rules and the auto-approve decision for drafted orders.

``rules.py`` holds one small function per check, each returning issues
``{code, field, message, blocking}``; ``decide.py`` turns the issues and the per-field
confidences into a decision. Thresholds live in ``settings.py`` with per-tenant overrides
in ``Tenant.settings["extraction"]``.
"""
