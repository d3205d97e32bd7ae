// title: Mechanisms established
// description: Committees, working groups, joint units … that an event, an agreement or an actor set up, with the threat domains each addresses.
// param: by entity — the event, agreement or actor, e.g. event/amu-interior-ministers-rabat-2013-04-21
// list: domains
MATCH (:Entity {id: $by})-[:ESTABLISHES]->(m:Entity)
OPTIONAL MATCH (m)-[:ADDRESSES]->(d:Entity)
RETURN m.id AS id, m.type AS type, m.label_en AS label, m.frequency AS frequency,
       collect(DISTINCT d.id) AS domains
ORDER BY id
