import { ReferenceModule } from '@app/reference';
import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { SlotResolver, SlotSeriesResolver } from './capacity.resolver';
import { CapacityService } from './capacity.service';
import { FhirController, FhirFallbackController } from './fhir.controller';
import { FhirService } from './fhir.service';
import { FhirSlotController } from './fhir-slot.controller';
import { Slot, SlotSeries } from './slot.entities';

@Module({
  imports: [TypeOrmModule.forFeature([Slot, SlotSeries]), ReferenceModule],
  providers: [CapacityService, FhirService, SlotResolver, SlotSeriesResolver],
  // The fallback answers any other /fhir path with an OperationOutcome, so it is registered last.
  controllers: [FhirSlotController, FhirController, FhirFallbackController],
  exports: [CapacityService],
})
export class CapacityModule {}
