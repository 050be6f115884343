"""Navet: the shared workplace of municipalities that pool one grants coordinator."""
