//! What a dictionary is built from: entity records, as parsed from any
//! input format.

use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};

/// What an entity is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, PartialOrd, Ord)]
#[serde(rename_all = "lowercase")]
pub enum EntityKind {
    /// A person.
    Person,
    /// An organisation: company, institution, party, agency …
    Org,
    /// A place: country, territory, city, region …
    Place,
    /// Anything else: treaties, events, vessels …
    Other,
}

impl EntityKind {
    /// Parses the JSONL schema's kind names: `person`, `org`, `place`,
    /// `other` (case-insensitive; `organization`/`organisation` also accepted).
    pub fn parse(s: &str) -> Option<EntityKind> {
        match s.trim().to_ascii_lowercase().as_str() {
            "person" => Some(EntityKind::Person),
            "org" | "organization" | "organisation" => Some(EntityKind::Org),
            "place" => Some(EntityKind::Place),
            "other" => Some(EntityKind::Other),
            _ => None,
        }
    }

    /// The kind's name in the JSONL schema.
    pub fn as_str(self) -> &'static str {
        match self {
            EntityKind::Person => "person",
            EntityKind::Org => "org",
            EntityKind::Place => "place",
            EntityKind::Other => "other",
        }
    }

    pub(crate) fn to_byte(self) -> u8 {
        self as u8
    }

    pub(crate) fn from_byte(b: u8) -> Option<EntityKind> {
        [
            EntityKind::Person,
            EntityKind::Org,
            EntityKind::Place,
            EntityKind::Other,
        ]
        .get(b as usize)
        .copied()
    }
}

impl std::fmt::Display for EntityKind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One alias of an entity: a name and, optionally, its language (BCP-47).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AliasRecord {
    /// The alias as written.
    pub name: String,
    /// Its language tag, e.g. `de`, `zh-Hant`, if known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lang: Option<String>,
}

/// One entity as given to the [`DictionaryBuilder`](crate::DictionaryBuilder):
/// the fields of the public JSONL schema.
///
/// ```json
/// {"id": "Q7747", "name": "Vladimir Putin", "kind": "person",
///  "aliases": ["Владимир Путин", {"name": "Wladimir Putin", "lang": "de"}]}
/// ```
/// Fields other than `id`, `name`, `kind` and `aliases` are kept as
/// [`metadata`](EntityRecord::metadata) and stored with the entity.
#[derive(Debug, Clone, PartialEq)]
pub struct EntityRecord {
    /// The canonical ID (e.g. a Wikidata QID).
    pub id: String,
    /// The canonical name. It is also indexed as an alias.
    pub name: String,
    /// What the entity is.
    pub kind: EntityKind,
    /// Every other name of the entity.
    pub aliases: Vec<AliasRecord>,
    /// Other fields, kept as given (a JSON object).
    pub metadata: serde_json::Map<String, serde_json::Value>,
}

impl EntityRecord {
    /// A record with no aliases and no metadata.
    pub fn new(id: impl Into<String>, name: impl Into<String>, kind: EntityKind) -> EntityRecord {
        EntityRecord {
            id: id.into(),
            name: name.into(),
            kind,
            aliases: Vec::new(),
            metadata: serde_json::Map::new(),
        }
    }

    /// Adds an alias (builder style).
    pub fn alias(mut self, name: impl Into<String>, lang: Option<&str>) -> EntityRecord {
        self.aliases.push(AliasRecord {
            name: name.into(),
            lang: lang.map(str::to_string),
        });
        self
    }

    /// Checks the record: a non-empty id and canonical name.
    pub fn validate(&self) -> Result<()> {
        if self.id.trim().is_empty() {
            return Err(Error::invalid_entity("empty `id`").in_field("id"));
        }
        if self.name.trim().is_empty() {
            return Err(Error::invalid_entity(format!(
                "entity `{}` has an empty canonical `name`",
                self.id
            ))
            .in_field("name"));
        }
        Ok(())
    }

    /// The gender recorded in the metadata (`"gender": "male"|"female"`), if any.
    pub fn gender(&self) -> Option<crate::Gender> {
        match self.metadata.get("gender")?.as_str()? {
            "male" | "m" => Some(crate::Gender::Male),
            "female" | "f" => Some(crate::Gender::Female),
            _ => None,
        }
    }
}
