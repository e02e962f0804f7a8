"""NLU building blocks that Rasa's stock pipeline lacks (see nlu/README.md)."""
