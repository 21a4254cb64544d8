//! A network put together from lists that were built elsewhere (a three-way merge),
//! not through the checked operations: `Network::validate` says whether it keeps the
//! rules, as it does for a loaded file.

use super::items::{Action, Component, Link, Organisation};
use super::network::Network;
use super::pathway::Pathway;

impl Network {
    /// This network's own fields with these lists, as they are.
    pub fn with_lists(
        mut self,
        organisations: Vec<Organisation>,
        pathways: Vec<Pathway>,
        actions: Vec<Action>,
    ) -> Network {
        self.organisations = organisations;
        self.pathways = pathways;
        self.actions = actions;
        self
    }
}

impl Pathway {
    /// This pathway's own fields with these lists, as they are, and its graph rebuilt.
    pub fn with_lists(mut self, components: Vec<Component>, links: Vec<Link>) -> Pathway {
        self.components = components;
        self.links = links;
        self.reindex();
        self
    }
}
