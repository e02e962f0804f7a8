"""What Rasa loads from us besides the actions: NLU components named in config.yml and the tracker
store named in endpoints.yml. The NLU pieces without Rasa imports (sentence_encoder, intent_model)
are plain NumPy/scikit-learn and tested on their own."""
