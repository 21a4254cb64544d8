//! Who provides each component, and which components are the same service: the lookups
//! behind the WeakHandoff and Duplicate findings (README: status and weakest links).

use super::rank::prefix;
use crate::model::{Component, Network, Organisation, Pathway, Phase, Sector};

/// The network's organisations sorted by id and found by halving: no hashing, and the
/// same speed whatever ids a file holds. The halving compares the ids' first 16 bytes
/// as numbers, and whole ids only among those that share them.
pub(super) struct Organisations<'a> {
    all: &'a [Organisation],
    /// (first 16 bytes, id, position in `all`), sorted.
    by_id: Vec<(u128, &'a str, u32)>,
}

impl<'a> Organisations<'a> {
    pub(super) fn of(network: &'a Network) -> Self {
        let all = network.organisations();
        let mut by_id: Vec<(u128, &str, u32)> = all
            .iter()
            .zip(0..)
            .map(|(o, i)| (prefix(&o.id), o.id.as_str(), i))
            .collect();
        by_id.sort_unstable();
        Organisations { all, by_id }
    }

    /// The position in the network's organisations of the one with this id.
    fn position(&self, id: &str) -> Option<u32> {
        self.position_by(prefix(id), id)
    }

    /// `position`, given `key`, the id's `prefix`.
    fn position_by(&self, key: u128, id: &str) -> Option<u32> {
        let start = self.by_id.partition_point(|e| e.0 < key);
        let same = &self.by_id[start..];
        let same = &same[..same.partition_point(|e| e.0 == key)];
        let i = same.binary_search_by(|e| e.1.cmp(id)).ok()?;
        Some(same[i].2)
    }

    pub(super) fn get(&self, id: &str) -> Option<&'a Organisation> {
        self.position(id).map(|i| &self.all[i as usize])
    }

    /// The provider of a component, where it names a known organisation.
    pub(super) fn provider(&self, c: &Component) -> Option<&'a Organisation> {
        self.get(c.provider.as_deref()?)
    }

    /// Each component's provider as a position in the network's organisations.
    pub(super) fn providers(&self, pathway: &Pathway) -> Vec<Option<u32>> {
        let components = pathway.components();
        // Two passes: the first only reads each provider id's first bytes, a loop with no
        // branch to mispredict, so the processor fetches many ids from memory at once; the
        // searches then find those ids in the cache.
        let keys: Vec<u128> = components
            .iter()
            .map(|c| c.provider.as_deref().map_or(0, prefix))
            .collect();
        components
            .iter()
            .zip(keys)
            .map(|(c, key)| self.position_by(key, c.provider.as_deref()?))
            .collect()
    }

    /// The sector of the organisation at `position`.
    pub(super) fn sector(&self, position: Option<u32>) -> Option<Sector> {
        position.map(|i| self.all[i as usize].sector)
    }

    /// The providers of a link's two ends when they are in different sectors.
    pub(super) fn crossing(
        &self,
        (from, to): (&Component, &Component),
    ) -> Option<(&'a Organisation, &'a Organisation)> {
        let (a, b) = (self.provider(from)?, self.provider(to)?);
        (a.sector != b.sector).then_some((a, b))
    }
}

/// What makes two components of a pathway the same service: phase, provider and name
/// (trimmed, any case).
pub(super) fn service_key(c: &Component) -> (Phase, Option<&str>, String) {
    (c.phase, c.provider.as_deref(), c.name.trim().to_lowercase())
}

/// Positions of components that repeat an earlier one's phase, provider and name
/// (trimmed, any case). Components are grouped by a hash of those, and only the few that
/// share a hash are compared in full, so names are lower-cased only for those few.
/// `providers` are the components' providers as from [`Organisations::providers`].
pub(super) fn duplicates(pathway: &Pathway, providers: &[Option<u32>]) -> Vec<usize> {
    let components = pathway.components();
    let mut hashed: Vec<(u64, usize)> = components
        .iter()
        .zip(providers)
        .enumerate()
        .map(|(i, (c, &provider))| (service_hash(c, provider), i))
        .collect();
    hashed.sort_unstable();
    let mut found = Vec::new();
    for run in hashed
        .chunk_by(|a, b| a.0 == b.0)
        .filter(|run| run.len() > 1)
    {
        let mut keyed: Vec<_> = run
            .iter()
            .map(|&(_, i)| (service_key(&components[i]), i))
            .collect();
        // By key, then author order: the first of each key is the original.
        keyed.sort_unstable();
        for pair in keyed.windows(2) {
            if pair[0].0 == pair[1].0 {
                found.push(pair[1].1);
            }
        }
    }
    found
}

/// A hash that is equal whenever `service_key` is: of the phase, the provider's position
/// (an unknown provider counts as none; the comparison in full tells such apart) and the
/// lower-cased name's bytes with the 0x20 bit set, eight at a time. Setting that bit
/// lower-cases ASCII letters without looking at them (and merges a few other bytes,
/// which the comparison in full sorts out). A name that is not ASCII is lower-cased
/// first, as `service_key` does.
fn service_hash(c: &Component, provider: Option<u32>) -> u64 {
    let name = c.name.trim();
    let lowered;
    let name = if name.is_ascii() {
        name
    } else {
        lowered = name.to_lowercase();
        &lowered
    };
    let provider = provider.map_or(0, |p| u64::from(p) + 1);
    let h = mix(mix(c.phase.index() as u64, 0), provider);
    words(h, name.as_bytes(), 0x2020_2020_2020_2020)
}

/// Folds `bytes` into `h` eight at a time (the last word zero-padded), each word OR
/// `set`, then the length.
fn words(h: u64, bytes: &[u8], set: u64) -> u64 {
    let mut chunks = bytes.chunks_exact(8);
    let mut h = (&mut chunks).fold(h, |h, w| {
        mix(
            h,
            u64::from_le_bytes(w.try_into().expect("eight bytes")) | set,
        )
    });
    let rest = chunks.remainder();
    if !rest.is_empty() {
        let mut last = [0u8; 8];
        last[..rest.len()].copy_from_slice(rest);
        h = mix(h, u64::from_le_bytes(last) | set);
    }
    mix(h, bytes.len() as u64)
}

/// One step of the hash (the multiply and rotate of rustc's FxHash).
fn mix(h: u64, word: u64) -> u64 {
    (h.rotate_left(5) ^ word).wrapping_mul(0x517c_c1b7_2722_0a95)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Condition, Level, Organisation, Sector};

    fn pathway(components: &[(&str, &str, Phase, Option<&str>)]) -> Network {
        let mut n = Network::new("n");
        for org in ["gp", "gp2"] {
            n.add_organisation(Organisation::new(
                org,
                org,
                Sector::Health,
                Level::Community,
            ))
            .unwrap();
        }
        n.add_pathway(Pathway::new("p", "P", Condition::LongTerm))
            .unwrap();
        for &(id, name, phase, provider) in components {
            let mut c = Component::new(id, name, phase);
            c.provider = provider.map(str::to_string);
            n.add_component("p", c, None).unwrap();
        }
        n
    }

    #[test]
    fn duplicates_are_the_later_ones_with_the_same_phase_provider_and_name() {
        use Phase::{Assessment as A, Management as M};
        let n = pathway(&[
            ("a", "Clinic", A, Some("gp")),
            ("b", "  clinic ", A, Some("gp")),
            ("c", "CLINIC", A, Some("gp")),
            ("d", "Clinic", M, Some("gp")),
            ("e", "Clinic", A, Some("gp2")),
            ("f", "Clinic", A, None),
            ("g", "Clinic\u{b}", A, None),
            ("h", "Clinics", A, Some("gp")),
            ("i", "Ärztliche Sprechstunde", A, None),
            ("j", "ärztliche SPRECHSTUNDE", A, None),
            ("k", "\u{39f}\u{394}\u{39f}\u{3a3}", A, None),
            ("l", "\u{3bf}\u{3b4}\u{3bf}\u{3c2}", A, None),
            ("m", "Kelvin \u{212a}", A, None),
            ("n", "kelvin k", A, None),
            ("o", "a very long name that runs past eight bytes", A, None),
            ("p", "A very long name that runs past eight bytes!", A, None),
        ]);
        let orgs = Organisations::of(&n);
        let mut found = duplicates(&n.pathways()[0], &orgs.providers(&n.pathways()[0]));
        found.sort_unstable();
        let ids: Vec<&str> = found
            .iter()
            .map(|&i| n.pathways()[0].components()[i].id.as_str())
            .collect();
        // "ΟΔΟΣ" lower-cases to "οδος", its last letter a final sigma: the same as l, though
        // lower-casing letter by letter would give "οδοσ".
        assert_eq!(ids, ["b", "c", "g", "j", "l", "n"]);
    }

    #[test]
    fn the_hash_agrees_wherever_the_key_does() {
        let n = pathway(&[
            ("a", "Kelvin \u{212a}", Phase::Review, None),
            ("b", "kelvin k", Phase::Review, None),
            (
                "c",
                " Mixed Case Name Longer Than Sixteen ",
                Phase::Review,
                Some("gp"),
            ),
            (
                "d",
                "mixed case name longer than sixteen",
                Phase::Review,
                Some("gp"),
            ),
        ]);
        let c = n.pathways()[0].components();
        let providers = Organisations::of(&n).providers(&n.pathways()[0]);
        let hash = |i: usize| service_hash(&c[i], providers[i]);
        for (a, b) in [(0, 1), (2, 3)] {
            assert_eq!(service_key(&c[a]), service_key(&c[b]));
            assert_eq!(hash(a), hash(b));
        }
    }

    #[test]
    fn organisations_are_found_by_id() {
        let n = pathway(&[]);
        let orgs = Organisations::of(&n);
        assert_eq!(orgs.get("gp2").map(|o| o.id.as_str()), Some("gp2"));
        assert_eq!(orgs.get("gp").map(|o| o.id.as_str()), Some("gp"));
        assert!(orgs.get("g").is_none() && orgs.get("").is_none());
        // Ids that share their first 16 bytes.
        let mut n = Network::new("n");
        let ids = [
            "community-paediatrics-b",
            "community-paediatrics",
            "community-paediatrics-a",
        ];
        for id in ids {
            n.add_organisation(Organisation::new(id, id, Sector::Health, Level::Community))
                .unwrap();
        }
        let orgs = Organisations::of(&n);
        for id in ids {
            assert_eq!(orgs.get(id).map(|o| o.id.as_str()), Some(id));
        }
        assert!(orgs.get("community-paediatrics-c").is_none());
        assert!(orgs.get("community-paediatric").is_none());
    }
}
