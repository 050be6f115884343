from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("calls", "0009_sources_catalogue_reviews_expected_calls"),
    ]

    operations = [
        migrations.AlterField(
            model_name="source",
            name="format",
            field=models.CharField(
                choices=[
                    ("rss", "RSS or Atom feed"),
                    ("ical", "iCalendar feed"),
                    ("sedia", "EU Funding & Tenders Portal (search API)"),
                    ("vinnova", "Vinnova's open data (application rounds)"),
                    ("page", "Web page without a feed (watched for changes)"),
                ],
                max_length=10,
                verbose_name="format",
            ),
        ),
    ]
