"""Tests of the RV-C integration and its protocol library."""
