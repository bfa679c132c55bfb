export * from './demo-providers';
export * from './dto/reference.inputs';
export * from './reference.entities';
export * from './reference.module';
export * from './reference.service';
export * from './region-calendar';
export * from './provider.queries';
