"""People and units as one identity across the archive (docs/people.md).

``identity`` folds names and says whether two can be one; ``store`` links each saved
document's people and units to stored identities and keeps manual merges and splits;
``read`` lists people and gathers what the archive holds about one; ``cli`` is
``kronika people``.
"""

from kronika.people.store import PeopleError, fill, link_document, merge_people, split_person

__all__ = ["PeopleError", "fill", "link_document", "merge_people", "split_person"]
