"""kinolog's terminal app and command line."""
