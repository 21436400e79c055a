from django.urls import path

from realtime.consumers import LiveConsumer

websocket_urlpatterns = [path("ws/notifications/", LiveConsumer.as_asgi())]
