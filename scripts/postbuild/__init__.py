"""Steps that run once after every language is built, in the order given by ``overrides/hooks/finish.py``.

Each step is a function ``step(site_dir, build)`` over the finished ``site_dir`` and the build's
:class:`scripts.postbuild.state.BuildState`; none keeps state of its own.
"""
