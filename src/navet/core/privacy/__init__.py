"""Personal data of users: what Navet keeps about a person, its export and its erasure.

`core` imports no domain app, so this package finds the person's data by the relations that
point at the user model: a row joined to the user by CASCADE belongs to the person (a follow, a
feed, a notification, a role) and goes with the account; a row joined by SET_NULL or PROTECT is
a record of the organisation (a vote, a time entry, a need they entered) and is kept. New models
are covered without a change here. See docs/privacy.md and ADR 0017.
"""
