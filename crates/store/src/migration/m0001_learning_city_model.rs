//! The learning-city model: network, frameworks as data, cities, strategies with
//! objectives, programmes with partners, funding, milestones and outputs.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

/// A foreign key from `table.column` to `target.id`.
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

fn unique_index(table: &str, columns: &[&str]) -> IndexCreateStatement {
    let mut index = Index::create();
    index
        .name(format!("ux_{table}_{}", columns.join("_")))
        .table(table.to_owned())
        .unique();
    for column in columns {
        index.col(String::from(*column));
    }
    index.to_owned()
}

fn index(table: &str, column: &str) -> IndexCreateStatement {
    Index::create()
        .name(format!("ix_{table}_{column}"))
        .table(table.to_owned())
        .col(column.to_owned())
        .to_owned()
}

use ForeignKeyAction::{Cascade, Restrict, SetNull};

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        // Bumped on every content write; caches in every process compare against it.
        m.create_table(
            Table::create()
                .table("content_generation")
                .col(pk_auto("id"))
                .col(big_integer("generation").default(0))
                .to_owned(),
        )
        .await?;

        m.create_table(
            Table::create()
                .table("networks")
                .col(pk_auto("id"))
                .col(string_uniq("slug"))
                .col(json("name"))
                .col(json("summary"))
                .to_owned(),
        )
        .await?;

        m.create_table(
            Table::create()
                .table("frameworks")
                .col(pk_auto("id"))
                .col(string_uniq("code"))
                .col(string("kind"))
                .col(string("version"))
                .col(boolean("draft"))
                .col(integer("position"))
                .col(json("title"))
                .col(json("summary"))
                .col(json("source"))
                .col(json_null("draft_note"))
                .to_owned(),
        )
        .await?;

        m.create_table(
            Table::create()
                .table("framework_nodes")
                .col(pk_auto("id"))
                .col(integer("framework_id"))
                .col(string("code"))
                .col(integer_null("parent_id"))
                .col(string("kind"))
                .col(boolean("draft"))
                .col(integer("position"))
                .col(json("title"))
                .col(json_null("summary"))
                .foreign_key(&mut fk(
                    "framework_nodes",
                    "framework_id",
                    "frameworks",
                    Cascade,
                ))
                .foreign_key(&mut fk(
                    "framework_nodes",
                    "parent_id",
                    "framework_nodes",
                    Restrict,
                ))
                .to_owned(),
        )
        .await?;
        m.create_index(unique_index("framework_nodes", &["framework_id", "code"]))
            .await?;

        m.create_table(
            Table::create()
                .table("cities")
                .col(pk_auto("id"))
                .col(integer("network_id"))
                .col(string_uniq("slug"))
                .col(json("name"))
                .col(string_len("country", 2))
                .col(double("latitude"))
                .col(double("longitude"))
                .col(big_integer_null("population"))
                .col(integer_null("population_year"))
                .col(string_null("population_source"))
                .col(big_integer_null("geonames_id"))
                .col(double_null("area_km2"))
                .col(json("languages"))
                .col(string("default_locale"))
                .col(integer("joined_year"))
                .col(date_null("joined_on"))
                .col(boolean("clusters_sample"))
                .col(string_null("website"))
                .col(json_null("history"))
                .col(json_null("context"))
                .foreign_key(&mut fk("cities", "network_id", "networks", Restrict))
                .to_owned(),
        )
        .await?;
        m.create_index(index("cities", "country")).await?;

        m.create_table(
            Table::create()
                .table("city_clusters")
                .col(integer("city_id"))
                .col(integer("node_id"))
                .primary_key(Index::create().col("city_id").col("node_id"))
                .foreign_key(&mut fk("city_clusters", "city_id", "cities", Cascade))
                .foreign_key(&mut fk(
                    "city_clusters",
                    "node_id",
                    "framework_nodes",
                    Restrict,
                ))
                .to_owned(),
        )
        .await?;

        m.create_table(
            Table::create()
                .table("city_challenges")
                .col(pk_auto("id"))
                .col(integer("city_id"))
                .col(integer("position"))
                .col(json("topic"))
                .col(small_integer("rating"))
                .col(boolean("sample"))
                .foreign_key(&mut fk("city_challenges", "city_id", "cities", Cascade))
                .to_owned(),
        )
        .await?;

        m.create_table(
            Table::create()
                .table("strategies")
                .col(pk_auto("id"))
                .col(integer("city_id"))
                .col(json("title"))
                .col(integer("period_start"))
                .col(integer_null("period_end"))
                .col(boolean("period_sample"))
                .col(string("status"))
                .col(json("vision"))
                .foreign_key(&mut fk("strategies", "city_id", "cities", Cascade))
                .to_owned(),
        )
        .await?;
        m.create_index(index("strategies", "city_id")).await?;

        m.create_table(
            Table::create()
                .table("objectives")
                .col(pk_auto("id"))
                .col(integer("strategy_id"))
                .col(string("code"))
                .col(integer("position"))
                .col(json("title"))
                .col(json_null("description"))
                .foreign_key(&mut fk("objectives", "strategy_id", "strategies", Cascade))
                .to_owned(),
        )
        .await?;
        m.create_index(unique_index("objectives", &["strategy_id", "code"]))
            .await?;

        m.create_table(
            Table::create()
                .table("objective_nodes")
                .col(integer("objective_id"))
                .col(integer("node_id"))
                .primary_key(Index::create().col("objective_id").col("node_id"))
                .foreign_key(&mut fk(
                    "objective_nodes",
                    "objective_id",
                    "objectives",
                    Cascade,
                ))
                .foreign_key(&mut fk(
                    "objective_nodes",
                    "node_id",
                    "framework_nodes",
                    Restrict,
                ))
                .to_owned(),
        )
        .await?;
        m.create_index(index("objective_nodes", "node_id")).await?;

        m.create_table(
            Table::create()
                .table("local_targets")
                .col(pk_auto("id"))
                .col(integer("objective_id"))
                .col(string("code"))
                .col(integer("sdg_node_id"))
                .col(json("title"))
                .foreign_key(&mut fk(
                    "local_targets",
                    "objective_id",
                    "objectives",
                    Cascade,
                ))
                .foreign_key(&mut fk(
                    "local_targets",
                    "sdg_node_id",
                    "framework_nodes",
                    Restrict,
                ))
                .to_owned(),
        )
        .await?;

        m.create_table(
            Table::create()
                .table("organisations")
                .col(pk_auto("id"))
                .col(integer_null("city_id"))
                .col(string_uniq("slug"))
                .col(json("name"))
                .col(string("kind"))
                .col(string_null("website"))
                .col(boolean("collective"))
                .foreign_key(&mut fk("organisations", "city_id", "cities", SetNull))
                .to_owned(),
        )
        .await?;

        m.create_table(
            Table::create()
                .table("programmes")
                .col(pk_auto("id"))
                .col(integer("city_id"))
                .col(string("slug"))
                .col(integer_null("parent_id"))
                .col(double("weight"))
                .col(string("status"))
                .col(date_null("start_on"))
                .col(date_null("end_on"))
                .col(boolean("dates_sample"))
                .col(double_null("progress"))
                .col(boolean("progress_sample"))
                .col(integer("position"))
                .col(json("title"))
                .col(json("summary"))
                .col(json("description"))
                .col(json_null("place_name"))
                .col(double_null("latitude"))
                .col(double_null("longitude"))
                .col(boolean("place_sample").default(false))
                .col(boolean("sample").default(false))
                .foreign_key(&mut fk("programmes", "city_id", "cities", Cascade))
                .foreign_key(&mut fk("programmes", "parent_id", "programmes", SetNull))
                .to_owned(),
        )
        .await?;
        m.create_index(unique_index("programmes", &["city_id", "slug"]))
            .await?;

        for (table, other, target) in [
            ("programme_objectives", "objective_id", "objectives"),
            ("programme_target_groups", "node_id", "framework_nodes"),
        ] {
            m.create_table(
                Table::create()
                    .table(table)
                    .col(integer("programme_id"))
                    .col(integer(other))
                    .primary_key(Index::create().col("programme_id").col(other))
                    .foreign_key(&mut fk(table, "programme_id", "programmes", Cascade))
                    .foreign_key(&mut fk(table, other, target, Cascade))
                    .to_owned(),
            )
            .await?;
            m.create_index(index(table, other)).await?;
        }

        m.create_table(
            Table::create()
                .table("programme_partners")
                .col(pk_auto("id"))
                .col(integer("programme_id"))
                .col(integer("organisation_id"))
                .col(string("role"))
                .col(json_null("contribution"))
                .foreign_key(&mut fk(
                    "programme_partners",
                    "programme_id",
                    "programmes",
                    Cascade,
                ))
                .foreign_key(&mut fk(
                    "programme_partners",
                    "organisation_id",
                    "organisations",
                    Restrict,
                ))
                .to_owned(),
        )
        .await?;

        m.create_table(
            Table::create()
                .table("funding")
                .col(pk_auto("id"))
                .col(integer("programme_id"))
                .col(json("source"))
                .col(integer_null("organisation_id"))
                // Money in minor units (bani, cents) so sums never meet float rounding.
                .col(big_integer_null("amount_minor"))
                .col(string_len("currency", 3))
                .col(boolean("sample"))
                .foreign_key(&mut fk("funding", "programme_id", "programmes", Cascade))
                .foreign_key(&mut fk(
                    "funding",
                    "organisation_id",
                    "organisations",
                    SetNull,
                ))
                .to_owned(),
        )
        .await?;

        m.create_table(
            Table::create()
                .table("milestones")
                .col(pk_auto("id"))
                .col(integer("programme_id"))
                .col(integer("position"))
                .col(json("title"))
                .col(date_null("due_on"))
                .col(boolean("done"))
                .col(boolean("sample"))
                .foreign_key(&mut fk("milestones", "programme_id", "programmes", Cascade))
                .to_owned(),
        )
        .await?;

        m.create_table(
            Table::create()
                .table("outputs")
                .col(pk_auto("id"))
                .col(integer("programme_id"))
                .col(string("code"))
                .col(json("label"))
                .col(json_null("unit"))
                .col(string_null("period"))
                .col(double_null("expected"))
                .col(double_null("reported"))
                .col(boolean("sample"))
                .col(json_null("source"))
                .foreign_key(&mut fk("outputs", "programme_id", "programmes", Cascade))
                .to_owned(),
        )
        .await?;
        Ok(())
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        for table in [
            "outputs",
            "milestones",
            "funding",
            "programme_partners",
            "programme_target_groups",
            "programme_objectives",
            "programmes",
            "organisations",
            "local_targets",
            "objective_nodes",
            "objectives",
            "strategies",
            "city_challenges",
            "city_clusters",
            "cities",
            "framework_nodes",
            "frameworks",
            "networks",
            "content_generation",
        ] {
            m.drop_table(Table::drop().table(table).to_owned()).await?;
        }
        Ok(())
    }
}
