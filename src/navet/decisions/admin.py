from django.contrib import admin

from navet.decisions.models import Deputy, Motion, Vote


@admin.register(Deputy)
class DeputyAdmin(admin.ModelAdmin):
    list_display = ("assignment", "appointed_at")
    raw_id_fields = ("assignment",)


@admin.register(Motion)
class MotionAdmin(admin.ModelAdmin):
    """Read-only: motions change through Navet's pages, where the rules are kept."""

    list_display = ("number", "title", "consortium", "status", "outcome", "closes_at")
    list_filter = ("status", "outcome", "consortium")

    def has_add_permission(self, request: object) -> bool:
        return False

    def has_change_permission(self, request: object, obj: object = None) -> bool:
        return False


@admin.register(Vote)
class VoteAdmin(admin.ModelAdmin):
    list_display = ("motion", "municipality", "choice", "cast_by", "cast_as", "cast_at")

    def has_add_permission(self, request: object) -> bool:
        return False

    def has_change_permission(self, request: object, obj: object = None) -> bool:
        return False
