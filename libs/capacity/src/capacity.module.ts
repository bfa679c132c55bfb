import { ReferenceModule } from '@app/reference';
import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { SlotResolver, SlotSeriesResolver } from './capacity.resolver';
import { CapacityService } from './capacity.service';
import { FhirSlotController } from './fhir-slot.controller';
import { Slot, SlotSeries } from './slot.entities';

@Module({
  imports: [TypeOrmModule.forFeature([Slot, SlotSeries]), ReferenceModule],
  providers: [CapacityService, SlotResolver, SlotSeriesResolver],
  controllers: [FhirSlotController],
  exports: [CapacityService],
})
export class CapacityModule {}
