"""Django admin for organisations. Only superusers reach it; changes are audited (auditlog)."""

from django.contrib import admin

from navet.organisations.models import (
    Consortium,
    ConsortiumMembership,
    Municipality,
    RoleAssignment,
)


class MembershipInline(admin.TabularInline):
    model = ConsortiumMembership
    extra = 0
    autocomplete_fields = ["municipality"]


class RoleAssignmentInline(admin.TabularInline):
    model = RoleAssignment
    extra = 0
    autocomplete_fields = ["user", "municipality"]


@admin.register(Consortium)
class ConsortiumAdmin(admin.ModelAdmin):
    list_display = ["name", "slug"]
    search_fields = ["name", "slug"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [MembershipInline, RoleAssignmentInline]


@admin.register(Municipality)
class MunicipalityAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "county_name", "population", "population_year"]
    search_fields = ["code", "name"]
    filter_horizontal = ["neighbours"]


@admin.register(RoleAssignment)
class RoleAssignmentAdmin(admin.ModelAdmin):
    list_display = ["user", "role", "consortium", "municipality"]
    list_filter = ["role", "consortium"]
    search_fields = ["user__username", "user__first_name", "user__last_name"]
    autocomplete_fields = ["user", "consortium", "municipality"]
