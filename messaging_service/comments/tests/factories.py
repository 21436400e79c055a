import factory

from comments.models import Comment


class CommentFactory(factory.django.DjangoModelFactory):
    """A comment; pass ``created_at`` to place it in time (the model stamps it on insert)."""

    class Meta:
        model = Comment

    ticket_number = "TKT-2026-000001"
    author_id = factory.Sequence(lambda n: str(100 + n))
    author_name = factory.Faker("name")
    body = factory.Faker("sentence")

    @classmethod
    def _create(cls, model_class, *args, created_at=None, **kwargs):
        comment = super()._create(model_class, *args, **kwargs)
        if created_at is not None:
            model_class.objects.filter(pk=comment.pk).update(created_at=created_at)
            comment.refresh_from_db(fields=["created_at"])
        return comment
