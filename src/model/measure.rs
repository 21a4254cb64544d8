//! Output measures and the structure-and-process checklist.

use serde::{Deserialize, Serialize};

use super::error::ModelError;
use super::id::check_id;
use super::types::{Answer, Direction, Domain};

/// An output measure: a value against a target.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Measure {
    pub id: String,
    pub name: String,
    pub domain: Domain,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub unit: String,
    pub direction: Direction,
    pub target: f64,
    /// The edge of amber, on the worse side of the target.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub amber: Option<f64>,
    /// No value means no data.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub period: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
    /// A national or peer value as (label, value) (docs/format.md, "Benchmarks and currency").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub benchmark: Option<(String, f64)>,
    /// Earlier values as (period, value), oldest first.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub history: Vec<(String, f64)>,
    /// The measure for groups of children (docs/format.md, "Equity").
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub breakdowns: Vec<Breakdown>,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub notes: String,
}

impl Measure {
    pub fn new(id: &str, name: &str, domain: Domain, direction: Direction, target: f64) -> Self {
        Measure {
            id: id.to_string(),
            name: name.to_string(),
            domain,
            unit: String::new(),
            direction,
            target,
            amber: None,
            value: None,
            period: None,
            source: None,
            benchmark: None,
            history: Vec::new(),
            breakdowns: Vec::new(),
            notes: String::new(),
        }
    }

    /// Checks the rules of docs/format.md that concern one measure on its own.
    pub fn check(&self) -> Result<(), ModelError> {
        check_id(&self.id)?;
        let finite = |field: &'static str, v: f64| {
            if v.is_finite() {
                Ok(())
            } else {
                Err(ModelError::NotFinite {
                    measure: self.id.clone(),
                    field,
                    value: v,
                })
            }
        };
        finite("target", self.target)?;
        if let Some(amber) = self.amber {
            finite("amber", amber)?;
        }
        if let Some(value) = self.value {
            finite("value", value)?;
        }
        for (_, v) in &self.history {
            finite("history", *v)?;
        }
        if let Some((_, v)) = &self.benchmark {
            finite("benchmark", *v)?;
        }
        for b in &self.breakdowns {
            b.check(&self.id)?;
        }
        if self.direction == Direction::HigherIsBetter && self.target <= 0.0 {
            return Err(ModelError::TargetNotPositive {
                measure: self.id.clone(),
                target: self.target,
            });
        }
        if let Some(amber) = self.amber {
            let worse_side = match self.direction {
                Direction::HigherIsBetter => amber <= self.target,
                Direction::LowerIsBetter => amber >= self.target,
            };
            if !worse_side {
                return Err(ModelError::AmberOnBetterSide {
                    measure: self.id.clone(),
                    amber,
                    target: self.target,
                    direction: self.direction,
                });
            }
        }
        Ok(())
    }
}

/// The same measure for groups of children: by deprivation quintile, ethnicity, place.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Breakdown {
    /// What the groups are: "Deprivation quintile".
    pub by: String,
    /// Each group as (label, value), in the author's order.
    pub groups: Vec<(String, f64)>,
}

impl Breakdown {
    /// At least two groups, each label non-empty and unique, each value finite.
    pub fn check(&self, measure: &str) -> Result<(), ModelError> {
        let broken = |problem: String| ModelError::BadBreakdown {
            measure: measure.to_string(),
            by: self.by.clone(),
            problem,
        };
        if self.groups.len() < 2 {
            return Err(broken(format!(
                "it has {} group(s), and a breakdown needs at least two",
                self.groups.len()
            )));
        }
        for (i, (label, value)) in self.groups.iter().enumerate() {
            if label.trim().is_empty() {
                return Err(broken("a group label is empty".to_string()));
            }
            if self.groups[..i].iter().any(|(l, _)| l == label) {
                return Err(broken(format!("group {label:?} appears twice")));
            }
            if !value.is_finite() {
                return Err(broken(format!(
                    "group {label:?} is {value}: numbers must be finite"
                )));
            }
        }
        Ok(())
    }
}

/// The structure-and-process examination of a component (seed 000).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Checklist {
    #[serde(default, skip_serializing_if = "Answer::is_unknown")]
    pub evidence_based: Answer,
    #[serde(default, skip_serializing_if = "Answer::is_unknown")]
    pub competent_team: Answer,
    #[serde(default, skip_serializing_if = "Answer::is_unknown")]
    pub right_place: Answer,
    #[serde(default, skip_serializing_if = "Answer::is_unknown")]
    pub right_time: Answer,
    #[serde(default, skip_serializing_if = "Answer::is_unknown")]
    pub admin_and_it: Answer,
    #[serde(default, skip_serializing_if = "Answer::is_unknown")]
    pub investigations: Answer,
    #[serde(default, skip_serializing_if = "Answer::is_unknown")]
    pub measurement: Answer,
}

/// One checklist question: its file name, its question, and where its answer lives.
pub struct Question {
    pub field: &'static str,
    pub text: &'static str,
    pub answer: fn(&Checklist) -> Answer,
    pub answer_mut: fn(&mut Checklist) -> &mut Answer,
}

impl Checklist {
    /// The seven questions, in file order.
    pub const QUESTIONS: [Question; 7] = [
        Question {
            field: "evidence_based",
            text: "Is it evidence-based?",
            answer: |c| c.evidence_based,
            answer_mut: |c| &mut c.evidence_based,
        },
        Question {
            field: "competent_team",
            text: "Is it delivered by a competent team?",
            answer: |c| c.competent_team,
            answer_mut: |c| &mut c.competent_team,
        },
        Question {
            field: "right_place",
            text: "Is it delivered in the right place?",
            answer: |c| c.right_place,
            answer_mut: |c| &mut c.right_place,
        },
        Question {
            field: "right_time",
            text: "Is it delivered at the right time?",
            answer: |c| c.right_time,
            answer_mut: |c| &mut c.right_time,
        },
        Question {
            field: "admin_and_it",
            text: "Does it have administrative and IT support?",
            answer: |c| c.admin_and_it,
            answer_mut: |c| &mut c.admin_and_it,
        },
        Question {
            field: "investigations",
            text: "Does it have the investigation services it needs?",
            answer: |c| c.investigations,
            answer_mut: |c| &mut c.investigations,
        },
        Question {
            field: "measurement",
            text: "Does it have a measurement programme?",
            answer: |c| c.measurement,
            answer_mut: |c| &mut c.measurement,
        },
    ];

    pub fn is_empty(&self) -> bool {
        *self == Checklist::default()
    }
}
