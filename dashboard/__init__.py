"""Oscar's dashboard, forked to add the producers' pages and scope orders and products per cooperative."""
