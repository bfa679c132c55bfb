export * from './deadline-info';
export * from './dto/pathway.inputs';
export * from './early-warning.service';
export * from './notification.service';
export * from './pathway.entities';
export * from './pathways.module';
export * from './pathways.service';
export * from './pathway-status';
