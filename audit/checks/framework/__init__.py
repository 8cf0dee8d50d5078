"""The check framework: the model checks speak (observations, answers, site facts), matching helpers,
evidence, decisions, check discovery (`registry`) and the per-site runner."""
