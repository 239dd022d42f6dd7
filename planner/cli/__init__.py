"""The headless command line: a thin shell over the core. Never imports textual,
except lazily when ``planner`` with no command opens the app."""
