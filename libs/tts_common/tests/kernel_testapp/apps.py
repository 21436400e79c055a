from django.apps import AppConfig


class KernelTestAppConfig(AppConfig):
    name = "tests.kernel_testapp"
    label = "kernel_testapp"
