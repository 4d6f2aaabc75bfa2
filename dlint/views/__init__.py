"""Shared views of the models: what several rules read the same way (the stage graph,
variable scopes and expansions, Compose nodes, values and ports). Views read models and
parsers only; they hold no facts about the world (those are in :mod:`dlint.knowledge`)."""
