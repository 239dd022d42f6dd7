"""Screens: one small module each."""
