"""Widgets: the wizard and its fields, and the parts of the plan view."""
