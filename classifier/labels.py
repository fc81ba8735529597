"""The label set, in one place.

LABELS is in scikit-learn's `classes_` order (sorted), so indices agree everywhere.
REPORT_ORDER puts denial first: it is the rare class and the one users watch.
"""

LABELS = ("background", "claim", "denial", "diplomatic_statement")

REPORT_ORDER = ("denial", "claim", "diplomatic_statement", "background")

DEFINITIONS = {
    "claim": "reports an accusation, allegation, assessment or speculation of contested fact",
    "denial": "reports a party rejecting, refuting or disputing an allegation or characterisation",
    "diplomatic_statement": "reports an official position, appeal, praise, condemnation or agreement",
    "background": "the reporter's own narrative: events as fact, history, schedules, context",
}
