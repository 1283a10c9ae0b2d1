"""The newsroom's editorial rules, in one place.

Every path that acts on a story (the desk form's buttons, bulk actions, direct POSTs,
commands, tests) calls these functions, so each rule answers the same, in the same words,
whichever way it is reached; nothing else assigns ``status``.

- ``steps.py``: ``ACTIONS``, the one table of who may do what from which states, and the
  steps that move a story (``submit``, ``approve``, ``schedule``, ``send_back``, …, ``apply``).
- ``rules.py``: what a row of that table is and how it refuses; who sees which story in the
  desk (``stories_visible_to``).
- ``editing.py``: saving a story's content (the lost-update guard, old addresses, restores).
- ``sharing.py``: share links, and which story a link's token opens (``shared_story``).
- ``translating.py``: a story's news in another language, as a linked draft (``translate``).
"""

from articles.workflow.editing import claim_version, keep_old_address, restore_revision
from articles.workflow.rules import (
    StaleEdit,
    WorkflowError,
    can_compare_revisions,
    can_view,
    is_owner,
    stories_visible_to,
)
from articles.workflow.sharing import (
    SHARE_LINK_LIFETIMES,
    create_share_link,
    revoke_share_link,
    share_link_url,
    shared_story,
    working_share_links,
)
from articles.workflow.steps import (
    ACTIONS,
    STEPS,
    apply,
    approve,
    can_edit,
    check,
    may,
    may_ever,
    move_to_trash,
    offered_actions,
    refusal,
    restore,
    restore_from_trash,
    schedule,
    send_back,
    submit,
    unpublish,
    withdraw,
)
from articles.workflow.translating import languages_to_translate_into, translate

__all__ = [
    "ACTIONS",
    "SHARE_LINK_LIFETIMES",
    "STEPS",
    "StaleEdit",
    "WorkflowError",
    "apply",
    "approve",
    "can_compare_revisions",
    "can_edit",
    "can_view",
    "check",
    "claim_version",
    "create_share_link",
    "is_owner",
    "keep_old_address",
    "languages_to_translate_into",
    "may",
    "may_ever",
    "move_to_trash",
    "offered_actions",
    "refusal",
    "restore",
    "restore_from_trash",
    "restore_revision",
    "revoke_share_link",
    "schedule",
    "send_back",
    "share_link_url",
    "shared_story",
    "stories_visible_to",
    "submit",
    "translate",
    "unpublish",
    "withdraw",
    "working_share_links",
]
