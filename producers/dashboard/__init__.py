"""The producers' pages inside Oscar's dashboard: applications for staff, the profile and users for a cooperative."""
