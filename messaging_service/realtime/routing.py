from django.urls import path

from realtime.consumers import LiveConsumer, TicketConsumer

websocket_urlpatterns = [
    path("ws/notifications/", LiveConsumer.as_asgi()),
    path("ws/tickets/<str:number>/", TicketConsumer.as_asgi()),
]
