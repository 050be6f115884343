from django.contrib import admin

from navet.calls.models import Call, Funder, Programme, TargetGroup, Theme


class ProgrammeInline(admin.StackedInline):
    model = Programme
    extra = 0


@admin.register(Funder)
class FunderAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "county_code"]
    search_fields = ["name", "slug"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [ProgrammeInline]


@admin.register(Call)
class CallAdmin(admin.ModelAdmin):
    list_display = ["title", "funder", "programme", "opens", "closes"]
    list_filter = ["funder", "programme"]
    search_fields = ["title", "external_id", "description"]
    date_hierarchy = "closes"
    filter_horizontal = ["themes", "target_groups"]
    readonly_fields = ["created_at", "updated_at"]


admin.site.register(Theme)
admin.site.register(TargetGroup)
