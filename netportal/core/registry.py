"""Extension points of the core that the apps fill, so the core imports no app.

Filled from each app's AppConfig.ready().
"""

from collections.abc import Callable

# Demo-content loaders run by `manage.py load_portal_content` after the home page exists, in
# ascending order (health pages 10, directory 20, the core's trust pages 50, contact page 60):
# `(order, loader)`, where `loader(home, report)` creates what is missing
# below `home` (idempotently) and calls `report(message)` for each change.
demo_content_loaders: list[tuple[int, Callable]] = []
