//! `forja user ...` and `forja token ...`: accounts from the command line, for the first
//! administrator and for scripts. Passwords are read from stdin (`--password-stdin`) or
//! generated and printed once; nothing secret is ever taken from the command line,
//! where other users of the machine could see it.

use std::io::BufRead;

use clap::{Args, Subcommand};
use forja_core::policy::Role;
use forja_services::Store;
use forja_services::auth;

#[derive(Subcommand)]
pub enum UserCommand {
    /// Create an account.
    Add(UserAdd),
    /// Change an account's role (and city or organisation).
    SetRole(UserRole),
    /// Set a new password (ends the account's sessions).
    ResetPassword(UserPassword),
}

#[derive(Args)]
pub struct UserAdd {
    #[arg(long)]
    email: String,
    /// network-admin, city-coordinator, city-editor, partner-editor or reader.
    #[arg(long)]
    role: String,
    /// The city (slug) the role applies to.
    #[arg(long, value_name = "SLUG")]
    city: Option<String>,
    /// For partner editors: the organisation's id.
    #[arg(long, value_name = "ID")]
    organisation: Option<i32>,
    /// The name shown in the interface [default: the part before @].
    #[arg(long)]
    name: Option<String>,
    /// Read the password from the first line of stdin instead of generating one.
    #[arg(long)]
    password_stdin: bool,
}

#[derive(Args)]
pub struct UserRole {
    #[arg(long)]
    email: String,
    #[arg(long)]
    role: String,
    #[arg(long, value_name = "SLUG")]
    city: Option<String>,
    #[arg(long, value_name = "ID")]
    organisation: Option<i32>,
}

#[derive(Args)]
pub struct UserPassword {
    #[arg(long)]
    email: String,
    /// Read the password from the first line of stdin instead of generating one.
    #[arg(long)]
    password_stdin: bool,
}

#[derive(Subcommand)]
pub enum TokenCommand {
    /// Create a personal API token (printed once; stored hashed; revocable on /account).
    Create(TokenCreate),
}

#[derive(Args)]
pub struct TokenCreate {
    #[arg(long)]
    email: String,
    /// read (the default) or write.
    #[arg(long, default_value = "read")]
    scope: String,
    /// A name to recognise the token by.
    #[arg(long, default_value = "command line")]
    name: String,
}

fn password(from_stdin: bool) -> anyhow::Result<(String, bool)> {
    if from_stdin {
        let mut line = String::new();
        std::io::stdin().lock().read_line(&mut line)?;
        Ok((line.trim_end_matches(['\r', '\n']).to_owned(), false))
    } else {
        Ok((auth::generate_password()?, true))
    }
}

async fn city_id(store: &Store, slug: Option<&str>) -> anyhow::Result<Option<i32>> {
    match slug {
        None => Ok(None),
        Some(slug) => {
            let folded = forja_core::slug::fold_to_string(slug);
            let city = store
                .city_by_slug(&folded)
                .await?
                .ok_or_else(|| anyhow::anyhow!("no city with the slug {folded:?}"))?;
            Ok(Some(city.id))
        }
    }
}

async fn organisation_id(store: &Store, id: Option<i32>) -> anyhow::Result<Option<i32>> {
    match id {
        None => Ok(None),
        Some(id) => {
            let found = store.organisations_by_ids([id]).await?;
            anyhow::ensure!(!found.is_empty(), "no organisation with the id {id}");
            Ok(Some(id))
        }
    }
}

fn role(raw: &str) -> anyhow::Result<Role> {
    raw.parse::<Role>()
        .map_err(|e| anyhow::anyhow!("--role: {e}"))
}

pub async fn run_user(store: &Store, command: UserCommand) -> anyhow::Result<()> {
    match command {
        UserCommand::Add(a) => {
            let role = role(&a.role)?;
            let city = city_id(store, a.city.as_deref()).await?;
            let organisation = organisation_id(store, a.organisation).await?;
            let (password, generated) = password(a.password_stdin)?;
            match auth::add_user(
                store,
                &a.email,
                a.name.as_deref().unwrap_or(""),
                &password,
                role,
                city,
                organisation,
            )
            .await?
            {
                Ok(user) => {
                    println!("Created {} ({}).", user.email, role);
                    if generated {
                        println!("Password (shown once): {password}");
                    }
                    Ok(())
                }
                Err(why) => anyhow::bail!("{why}"),
            }
        }
        UserCommand::SetRole(r) => {
            let role = role(&r.role)?;
            let city = city_id(store, r.city.as_deref()).await?;
            let organisation = organisation_id(store, r.organisation).await?;
            auth::set_role(store, &r.email, role, city, organisation, None)
                .await?
                .map_err(|why| anyhow::anyhow!("{why}"))?;
            println!("{} is now {role}.", r.email.trim());
            Ok(())
        }
        UserCommand::ResetPassword(p) => {
            let (password, generated) = password(p.password_stdin)?;
            auth::reset_password(store, &p.email, &password)
                .await?
                .map_err(|why| anyhow::anyhow!("{why}"))?;
            println!(
                "Password changed for {}; their sessions were ended.",
                p.email.trim()
            );
            if generated {
                println!("Password (shown once): {password}");
            }
            Ok(())
        }
    }
}

pub async fn run_token(store: &Store, command: TokenCommand) -> anyhow::Result<()> {
    match command {
        TokenCommand::Create(t) => {
            anyhow::ensure!(
                matches!(t.scope.as_str(), "read" | "write"),
                "--scope is read or write"
            );
            let email = auth::normalize_email(&t.email)
                .ok_or_else(|| anyhow::anyhow!("--email: not a valid email address"))?;
            let user = store
                .user_by_email(&email)
                .await?
                .ok_or_else(|| anyhow::anyhow!("no account has the email {email}"))?;
            let token = auth::create_api_token(store, user.id, &t.name, &t.scope).await?;
            // The token alone on stdout, so that `TOKEN=$(forja token create ...)` works.
            eprintln!("Token for {email} ({} access), shown once:", t.scope);
            println!("{token}");
            Ok(())
        }
    }
}
