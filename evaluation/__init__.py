"""The OCOP evaluation cycle: dossiers, commune checks, council sessions, certificates."""
