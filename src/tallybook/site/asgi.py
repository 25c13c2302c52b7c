"""The ASGI entry point `tallybook serve` runs under uvicorn.

`/live/stream` is answered by the live board's own ASGI endpoint (many long-lived
streams, no Django request cycle); everything else is Django, static files included
(WhiteNoise runs as Django middleware).
"""

import os
import warnings

from django.core.asgi import get_asgi_application

# WhiteNoise hands Django static files as plain file iterators; Django reads them in a
# thread and warns once per process. Harmless for files; the live stream is async.
warnings.filterwarnings(
    "ignore", message="StreamingHttpResponse must consume synchronous iterators"
)

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tallybook.site.settings")
django_application = get_asgi_application()

from tallybook.apps.live.runtime import stream_app  # noqa: E402 (needs Django set up)
from tallybook.live.asgi import LiveRouter  # noqa: E402

application = LiveRouter(django_application, path="/live/stream", stream=stream_app())
