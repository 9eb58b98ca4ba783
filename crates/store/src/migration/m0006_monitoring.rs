//! Monitoring: indicators (the network's catalogue and a city's own), the dimensions
//! that break a value down, a city's series of observations (what × where × when ×
//! breakdown), targets, and every import kept so it can be undone as a whole. Also what
//! a programme's status says about its progress, as data the network sets.
//!
//! A period is stored as its first day (`YYYY-MM-DD`, sorts as text on both databases)
//! and a length in months, so `2023`, `2023-Q1` and `2023/2024` chart together. A
//! breakdown is one canonical text (`sex=F|urbanisation=RUR`, dimensions in code order;
//! empty for the total), so the unique key stays one index on both databases.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

// Each migration keeps its own small helpers (see m0002 for why).
fn fk(
    table: &str,
    column: &str,
    target: &str,
    on_delete: ForeignKeyAction,
) -> ForeignKeyCreateStatement {
    ForeignKey::create()
        .name(format!("fk_{table}_{column}"))
        .from(table.to_owned(), column.to_owned())
        .to(target.to_owned(), "id")
        .on_delete(on_delete)
        .to_owned()
}

fn index(table: &str, columns: &[&str], unique: bool) -> IndexCreateStatement {
    let mut i = Index::create();
    i.name(format!(
        "{}_{table}_{}",
        if unique { "ux" } else { "ix" },
        columns.join("_")
    ))
    .table(table.to_owned());
    if unique {
        i.unique();
    }
    for c in columns {
        i.col(String::from(*c));
    }
    i.to_owned()
}

use ForeignKeyAction::{Cascade, SetNull};

const TABLES: [&str; 12] = [
    "programme_statuses",
    "import_changes",
    "imports",
    "targets",
    "observations",
    "series",
    "output_feeds",
    "objective_indicators",
    "indicator_nodes",
    "indicator_dimensions",
    "indicators",
    "dimension_codes",
];

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            Table::create()
                .table("dimensions")
                .col(pk_auto("id"))
                // `sex`, `age`, `urbanisation`, `disability`, `target-group`, or a
                // network's own.
                .col(string("code"))
                // The SDMX concept it matches (`SEX`), for files that use those names.
                .col(string("sdmx"))
                .col(json("name"))
                .col(integer("position"))
                .to_owned(),
        )
        .await?;
        m.create_index(index("dimensions", &["code"], true)).await?;
        m.create_table(
            Table::create()
                .table("dimension_codes")
                .col(pk_auto("id"))
                .col(integer("dimension_id"))
                .col(string("code"))
                .col(json("name"))
                .col(integer("position"))
                .foreign_key(&mut fk(
                    "dimension_codes",
                    "dimension_id",
                    "dimensions",
                    Cascade,
                ))
                .to_owned(),
        )
        .await?;
        m.create_index(index("dimension_codes", &["dimension_id", "code"], true))
            .await?;

        m.create_table(
            Table::create()
                .table("indicators")
                .col(pk_auto("id"))
                .col(string("code"))
                // None: the network's catalogue; a city: that city's own indicator.
                .col(integer_null("city_id"))
                .col(json("name"))
                .col(json("definition"))
                // "last 12 months", "last 4 weeks": what makes two figures comparable.
                .col(json("period_note"))
                .col(json("source"))
                .col(json("methodology"))
                // percent, count, per-1000, currency, index, yes-no.
                .col(string("unit"))
                .col(string_null("currency"))
                .col(integer("decimals"))
                // higher, lower or neither: required, never guessed.
                .col(string("direction"))
                // yearly, school-year, half-yearly, quarterly, monthly.
                .col(string("periodicity"))
                // Computed when read: numerator ÷ denominator × factor.
                .col(integer_null("numerator_id"))
                .col(integer_null("denominator_id"))
                .col(double_null("factor"))
                // Counts below this are shown as "fewer than N"; none: no rule.
                .col(integer_null("disclosure_threshold"))
                .col(integer_null("disclosure_round"))
                .col(integer("version").default(1))
                .col(big_integer_null("deleted_at"))
                .foreign_key(&mut fk("indicators", "city_id", "cities", Cascade))
                .foreign_key(&mut fk("indicators", "numerator_id", "indicators", SetNull))
                .foreign_key(&mut fk(
                    "indicators",
                    "denominator_id",
                    "indicators",
                    SetNull,
                ))
                .to_owned(),
        )
        .await?;
        m.create_index(index("indicators", &["code"], true)).await?;

        m.create_table(
            Table::create()
                .table("indicator_dimensions")
                .col(pk_auto("id"))
                .col(integer("indicator_id"))
                .col(integer("dimension_id"))
                .col(integer("position"))
                .foreign_key(&mut fk(
                    "indicator_dimensions",
                    "indicator_id",
                    "indicators",
                    Cascade,
                ))
                .foreign_key(&mut fk(
                    "indicator_dimensions",
                    "dimension_id",
                    "dimensions",
                    Cascade,
                ))
                .to_owned(),
        )
        .await?;
        m.create_index(index(
            "indicator_dimensions",
            &["indicator_id", "dimension_id"],
            true,
        ))
        .await?;
        m.create_table(
            Table::create()
                .table("indicator_nodes")
                .col(pk_auto("id"))
                .col(integer("indicator_id"))
                .col(integer("node_id"))
                .foreign_key(&mut fk(
                    "indicator_nodes",
                    "indicator_id",
                    "indicators",
                    Cascade,
                ))
                .foreign_key(&mut fk(
                    "indicator_nodes",
                    "node_id",
                    "framework_nodes",
                    Cascade,
                ))
                .to_owned(),
        )
        .await?;
        m.create_index(index("indicator_nodes", &["indicator_id", "node_id"], true))
            .await?;
        m.create_table(
            Table::create()
                .table("objective_indicators")
                .col(pk_auto("id"))
                .col(integer("objective_id"))
                .col(integer("indicator_id"))
                .foreign_key(&mut fk(
                    "objective_indicators",
                    "objective_id",
                    "objectives",
                    Cascade,
                ))
                .foreign_key(&mut fk(
                    "objective_indicators",
                    "indicator_id",
                    "indicators",
                    Cascade,
                ))
                .to_owned(),
        )
        .await?;
        m.create_index(index(
            "objective_indicators",
            &["objective_id", "indicator_id"],
            true,
        ))
        .await?;
        // A programme output whose reported figure is an observation of an indicator.
        // Keyed by the output's code, which survives the programme's saves (outputs are
        // rewritten as a whole).
        m.create_table(
            Table::create()
                .table("output_feeds")
                .col(pk_auto("id"))
                .col(integer("programme_id"))
                .col(string("output_code"))
                .col(integer("indicator_id"))
                // The period the reported figure covers.
                .col(string("period"))
                .foreign_key(&mut fk(
                    "output_feeds",
                    "programme_id",
                    "programmes",
                    Cascade,
                ))
                .foreign_key(&mut fk(
                    "output_feeds",
                    "indicator_id",
                    "indicators",
                    Cascade,
                ))
                .to_owned(),
        )
        .await?;
        m.create_index(index(
            "output_feeds",
            &["programme_id", "output_code"],
            true,
        ))
        .await?;

        // One city's data for one indicator: its version is the table's, for editors
        // and for the API's ETag.
        m.create_table(
            Table::create()
                .table("series")
                .col(pk_auto("id"))
                .col(integer("indicator_id"))
                .col(integer("city_id"))
                .col(integer("version").default(1))
                .col(big_integer("updated_at"))
                .foreign_key(&mut fk("series", "indicator_id", "indicators", Cascade))
                .foreign_key(&mut fk("series", "city_id", "cities", Cascade))
                .to_owned(),
        )
        .await?;
        m.create_index(index("series", &["indicator_id", "city_id"], true))
            .await?;

        m.create_table(
            Table::create()
                .table("imports")
                .col(pk_auto("id"))
                .col(integer("city_id"))
                .col(integer_null("user_id"))
                .col(big_integer("at"))
                .col(string("file_name"))
                .col(string("sha256"))
                .col(string("format"))
                .col(integer("created"))
                .col(integer("updated"))
                .col(integer("unchanged"))
                .col(integer("deleted"))
                .col(big_integer_null("undone_at"))
                .col(integer_null("undone_by"))
                .foreign_key(&mut fk("imports", "city_id", "cities", Cascade))
                .foreign_key(&mut fk("imports", "user_id", "users", SetNull))
                .foreign_key(&mut fk("imports", "undone_by", "users", SetNull))
                .to_owned(),
        )
        .await?;
        m.create_index(index("imports", &["city_id"], false))
            .await?;

        m.create_table(
            Table::create()
                .table("observations")
                .col(pk_auto("id"))
                .col(integer("series_id"))
                .col(string("period_start"))
                .col(integer("months"))
                .col(string("dims"))
                .col(double("value"))
                // normal, provisional, estimated or break (a break in series).
                .col(string("status"))
                .col(text_null("note"))
                .col(text_null("source"))
                .col(boolean("sample").default(false))
                // The import that last wrote the value, and the one that created it:
                // undoing an import deletes what it created and restores what it changed.
                .col(integer_null("import_id"))
                .col(integer_null("created_import_id"))
                .foreign_key(&mut fk("observations", "series_id", "series", Cascade))
                .to_owned(),
        )
        .await?;
        m.create_index(index(
            "observations",
            &["series_id", "period_start", "months", "dims"],
            true,
        ))
        .await?;
        // No index on created_import_id: undoing an import scans the table once, which
        // costs less than keeping an index up to date through every large import.

        // What an import replaced or removed, so undoing it puts the old value back.
        // Keyed like the observation, not by its id: a removed value has no row left.
        m.create_table(
            Table::create()
                .table("import_changes")
                .col(pk_auto("id"))
                .col(integer("import_id"))
                .col(integer("series_id"))
                .col(string("period_start"))
                .col(integer("months"))
                .col(string("dims"))
                // The observation's columns before the import.
                .col(json("previous"))
                .foreign_key(&mut fk("import_changes", "import_id", "imports", Cascade))
                .foreign_key(&mut fk("import_changes", "series_id", "series", Cascade))
                .to_owned(),
        )
        .await?;
        m.create_index(index("import_changes", &["import_id"], false))
            .await?;

        // What a programme status says about progress, as the network sets it.
        m.create_table(
            Table::create()
                .table("programme_statuses")
                .col(pk_auto("id"))
                .col(string("code"))
                .col(double_null("default_progress"))
                .col(integer("position"))
                .to_owned(),
        )
        .await?;
        m.create_index(index("programme_statuses", &["code"], true))
            .await?;

        m.create_table(
            Table::create()
                .table("targets")
                .col(pk_auto("id"))
                .col(integer("series_id"))
                .col(string("dims"))
                .col(integer("base_year"))
                .col(integer_null("target_year"))
                .col(double_null("value"))
                // A natural limit (100 % for a rate), which tempers the rating near it.
                .col(double_null("natural_limit"))
                .col(string_null("local_target"))
                .col(boolean("sample").default(false))
                .foreign_key(&mut fk("targets", "series_id", "series", Cascade))
                .to_owned(),
        )
        .await?;
        m.create_index(index("targets", &["series_id", "dims"], true))
            .await?;
        Ok(())
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        for table in TABLES.iter().chain(&["dimensions"]) {
            m.drop_table(Table::drop().table(*table).to_owned()).await?;
        }
        Ok(())
    }
}
