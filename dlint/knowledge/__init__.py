"""Facts about the world the rules judge by: what package managers' commands and flags mean,
which images are databases, toolchains or run as non-root, which ports are public, what
credentials and licence ids look like, which services run until stopped. Each module says
where its facts come from; correcting a fact means editing its module, not a rule."""
