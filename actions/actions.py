"""Entry point for `rasa run actions --actions actions`: importing the modules registers the actions."""

from actions.ask import (  # noqa: F401
    ActionAskChosenTrials,
    ActionAskContactConfirmed,
    ActionAskContactConsent,
    ActionAskCurrentAnswer,
)
from actions.finish import ActionFinishPrescreen  # noqa: F401
from actions.help import (  # noqa: F401
    ActionExplainTerm,
    ActionExplainWhy,
    ActionGoBack,
    ActionHumanHandoff,
    ActionStartOver,
    ActionStop,
)
from actions.prescreen_form import ValidatePrescreenForm  # noqa: F401
