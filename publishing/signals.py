"""Signal receivers: thin, each hands over to one service."""

from django.dispatch import receiver
from wagtail.signals import page_published

from .queueing import facebook_post_queue


@receiver(page_published, dispatch_uid="publishing_facebook_post_queue")
def queue_facebook_post(sender, instance, **kwargs):
    facebook_post_queue(page=instance)
