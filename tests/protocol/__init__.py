"""Tests of the Home Assistant free protocol library."""
