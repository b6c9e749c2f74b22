"""Who a phrase is: the resolvers the quotes and events stages share (mentions to entities, sectors)."""
